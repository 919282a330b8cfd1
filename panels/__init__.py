"""Customer panel workspaces: panels of residents who review proposals before services change."""
