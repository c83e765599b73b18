"""vault stage."""
