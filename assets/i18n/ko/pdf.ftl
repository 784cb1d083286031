# Strings of the PDF estimate (src/pdf/).
