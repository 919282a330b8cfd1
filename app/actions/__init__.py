"""Root-cause actions ("we did"): what the council does about what drives complaints, who owns
it, when it is due, the cases and themes it came from, and what residents are told."""
