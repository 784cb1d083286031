# Strings of the desk app (src/app/).
