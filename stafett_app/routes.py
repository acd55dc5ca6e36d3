"""Every path in one place, with small builders so no page hard-codes a URL."""

SIGN_IN = "/"
MY_LOGS = "/logs"
PLAN = "/logs/[log_id]"
NO_ACCESS = "/no-access"

DEMO_LOGIN = "/auth/demo-login"
LOGOUT = "/auth/logout"


def plan(log_id: int | str) -> str:
    return f"/logs/{log_id}"
