"""Feature cores over Services: plain values in, plain data out; no Telegram and no text.

Telegram handlers, the terminal and the web pages all call these and render the result
with their own views.
"""
