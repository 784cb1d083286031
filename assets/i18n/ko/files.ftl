# Errors of the file layer (reading sheets and quotes, writing files).
