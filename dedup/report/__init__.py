"""Reporters: plain data in, text out. Templates only display; they never compute."""
