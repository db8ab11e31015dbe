# src/qmqpd: the QMQP server. qmqpd.c is the shim; the rest is the pure core.
DAEMONS += qmqpd
CORE_SRCS += src/qmqpd/qmqpd_core.c src/qmqpd/qmqpd_content.c \
	src/qmqpd/qmqpd_clients.c src/qmqpd/qmqpd_config.c
