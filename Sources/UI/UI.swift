// Placeholder so the target builds; the UI arrives with issue 3.
