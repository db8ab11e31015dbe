# src/util: objects held to the purity rules (see mk/purity.sh). msg*.c
# do I/O by design and are not listed.
CORE_SRCS += src/util/argv.c src/util/htable.c src/util/mymalloc.c \
	src/util/netstring.c src/util/prng.c src/util/stringops.c \
	src/util/vstring.c
