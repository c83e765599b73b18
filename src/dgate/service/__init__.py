"""The service layer: the only place that holds the ports (stores, ledger, keys)."""
