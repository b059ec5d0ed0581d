"""The question bank: drafts, review states, imports, exports and questions drawn from the book."""
