"""leotalk-publish: one Markdown issue, published exactly once to a blog, Substack and WeChat."""
__version__ = "0.1.0"
