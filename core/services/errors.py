"""Errors the use cases raise, each with a sentence fit to show a person."""


class ServiceError(Exception):
    """Base: `str(error)` is shown to the user as is."""


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class LoginError(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass
