"""Classes at the political school, in schools and Youth Union branches: teachers, members,
chapter assignments done with the practice engine, results and printable worksheets.

Import the modules themselves (`quizzes.classes.roster`, `.assignments`, `.worksheet`): the
practice engine refers to this package's tables, so this package imports nothing at its top.
"""
