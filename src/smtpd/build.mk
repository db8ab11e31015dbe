# src/smtpd: the SMTP server. smtpd.c is the shim (a stub for now); the rest is the pure core.
DAEMONS += smtpd
CORE_SRCS += src/smtpd/smtpd_core.c src/smtpd/smtpd_proto.c src/smtpd/smtpd_xclient.c \
	src/smtpd/smtpd_cmd.c \
	src/smtpd/smtpd_check.c src/smtpd/smtpd_config.c src/smtpd/smtpd_data.c
