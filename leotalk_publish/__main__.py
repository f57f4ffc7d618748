"""``python -m leotalk_publish …`` is the ``leotalk`` command."""

from leotalk_publish.launch import main

main()
