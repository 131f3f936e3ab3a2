"""A kernel manager for papermill whose client is ready as soon as the kernel answers, and
which notices at once that a kernel has shut down.

jupyter_client's ``wait_for_ready`` ends by draining IOPub until it has been silent for 0.2 s,
a fixed 0.2 s idle at the start of every notebook. nbclient reads IOPub by parent message id
and skips what belongs to other requests, so the drain is not needed; this client does the
same handshake (kernel_info reply on shell, then one IOPub message) without it.
"""

from __future__ import annotations

import math
import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Type


class ReadyKernelClient(AsyncKernelClient):
    """An async kernel client without the trailing IOPub drain in ``wait_for_ready``."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has answered kernel_info and IOPub has delivered a message."""
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub is connected once the kernel's status for it arrives
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")


class ReadyKernelManager(AsyncKernelManager):
    """An async kernel manager whose clients are ``ReadyKernelClient`` and which sees a kernel
    that was asked to shut down end within 10 ms rather than 100 ms."""

    client_class = DottedObjectName("helpers.kernelclient.ReadyKernelClient")
    client_factory = Type(klass="helpers.kernelclient.ReadyKernelClient")

    async def _async_finish_shutdown(
        self, waittime: float | None = None, pollinterval: float = 0.1, restart: bool = False
    ) -> None:
        """Wait for the kernel to end as jupyter_client does, polling every 10 ms."""
        await super()._async_finish_shutdown(waittime, min(pollinterval, 0.01), restart)
