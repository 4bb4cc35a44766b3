// The model: stores, tree, filter language, config.
