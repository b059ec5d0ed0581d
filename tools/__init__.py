"""Developer tools that are not part of the library: building the bundled sample booklets."""
