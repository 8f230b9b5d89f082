"""The core: plan files -> models -> checks -> the resolved view of every task. Knows plans, not MkDocs."""
