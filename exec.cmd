@rem npm runs package.json scripts with cmd.exe on Windows, which has no `exec`: run the rest as it is.
@%*
