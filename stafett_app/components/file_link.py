"""A link to a file the server makes (a PDF, a zip): a real request, never client-side routing."""

import reflex as rx


def file_link(*children, href, **props) -> rx.Component:
    # reloadDocument: React Router would otherwise look for a page at the file's path.
    return rx.el.a(*children, href=href, download="", custom_attrs={"reloadDocument": True}, **props)
