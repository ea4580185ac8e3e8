"""Reading and writing documents: staff lists in, overviews out (openpyxl, calamine)."""
