"""One page, one number, one button; and a second page that counts its visits (a navigation
to a page with an on_load handler, as bare as Reflex makes it)."""

import reflex as rx


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.center(rx.vstack(rx.heading(CounterState.count), rx.button("+1", on_click=CounterState.increment)))


def visit() -> rx.Component:
    return rx.center(rx.heading(CounterState.count))


app = rx.App()
app.add_page(index)
app.add_page(visit, route="/visit", on_load=CounterState.increment)
