"""The bundled demo site. STUB: the demo helper owns this package.

``start_demo(port)`` serves ``reader/demo/site/`` on 127.0.0.1 in a background thread
and returns a ``DemoServer`` (``.front_url``, ``.port``, ``.note`` — a sentence when the
default port was taken and another was used — and ``.stop()``).
"""
