"""The bundled sample booklets: Markdown sources, built DOCX files and their fact map."""
