# Errors of the file layer (reading sheets and quotes, writing files).
file-cannot-read = cannot read { $path }: { $reason }
file-cannot-save = cannot save { $path }: { $reason }
file-sheet-invalid = price sheet { $error }
file-not-found = no such file or folder
file-permission-denied = permission denied for { $path }
file-is-folder = that is a folder, not a file
file-folder-given = that is a folder; choose a file name
file-not-regular = that is not a regular file (a pipe, a device or a socket); choose a file
file-not-regular-target = that is not a regular file (a pipe or a device); choose another name
file-too-large = the file is larger than { $kb } KB, the most the planner reads; is it the right file?
file-not-utf8 = the file is not UTF-8 text from here on; save it as UTF-8
file-disk-full = the disk is full
file-read-only = the disk is read-only
file-loop = the path loops back on itself (a symbolic link to itself)
file-not-ready = the file is not ready to be read (a pipe?); choose a file
file-folder-missing = the folder { $folder } does not exist
file-in-use = another copy of the app uses this recovery file
