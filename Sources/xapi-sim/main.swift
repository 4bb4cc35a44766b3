print("xapi-sim: not built yet")
