"""The one exception type for problems a user can fix, shown as a single line without traceback."""


class UserError(Exception):
    """A problem with the user's input: the message names the file, the place and the fix."""
