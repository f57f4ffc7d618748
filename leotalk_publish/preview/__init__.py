"""``leotalk preview``: the issue as each channel will show it, side by side, updated as the writer saves.

    panes.py    check and render (through ``pipeline``), one pane per channel from the adapter's ``preview``
    page.py     the page (three panes, WeChat's in a 375 px phone frame) and each pane's document
    server.py   a local HTTP server on 127.0.0.1: the page, the panes, the draft's images, and /state,
                which the page polls to reload a pane the moment a file of the draft changes
"""
