"""Downloads (DOCX, XLSX, CSV, JSON) and the digest mailed to agencies."""
