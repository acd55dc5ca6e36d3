"""One module per page. Each registers itself on the app in stafett_app.stafett_app."""
