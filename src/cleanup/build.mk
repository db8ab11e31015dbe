# src/cleanup: the cleanup(8) daemon; its core objects stay pure.
DAEMONS += cleanup
CORE_SRCS += src/cleanup/cleanup_core.c src/cleanup/cleanup_envelope.c \
	src/cleanup/cleanup_message.c src/cleanup/cleanup_wire.c \
	src/cleanup/cleanup_config.c
