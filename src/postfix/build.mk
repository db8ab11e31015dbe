# src/postfix: the postfix(1) control command.
COMMANDS += postfix
