"""The site: Markdown and HTML pages of the plans, their search index, templates and assets."""
