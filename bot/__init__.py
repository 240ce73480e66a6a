"""The Telegram door: handlers, keyboards and the Application that runs them."""
