print("xentui: not built yet")
