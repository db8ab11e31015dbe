# src/global: objects held to the purity rules (see mk/purity.sh)
CORE_SRCS += src/global/core.c
CORE_SRCS += src/global/mail_params.c
CORE_SRCS += src/global/main_cf.c
CORE_SRCS += src/global/mac_expand.c
CORE_SRCS += src/global/master_cf.c
CORE_SRCS += src/global/mail_conf.c
CORE_SRCS += src/global/cf_lines.c
CORE_SRCS += src/global/record.c
CORE_SRCS += src/global/attr.c
CORE_SRCS += src/global/attr_cleanup.c
CORE_SRCS += src/global/header_opts.c
CORE_SRCS += src/global/is_header.c
CORE_SRCS += src/global/mail_date.c
CORE_SRCS += src/global/rewrite_addr.c
CORE_SRCS += src/global/mail_queue.c
CORE_SRCS += src/global/mail_addr.c
CORE_SRCS += src/global/input_transp.c
