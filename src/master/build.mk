# src/master: master(8). master_ent.c and master_sched.c are pure; so is
# the skeleton's argument parser in src/global.
DAEMONS += master
CORE_SRCS += src/master/master_ent.c src/master/master_sched.c \
	src/global/mail_server_args.c

# The echo test daemon for the skeleton's and master's script tests.
MASTER_ECHOD := $(BUILD)/tests/master/echod
$(MASTER_ECHOD): $(OBJ)/tests/master/echod.o $(BUILD)/lib/libglobal.a $(BUILD)/lib/libutil.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/lib/libglobal.a $(BUILD)/lib/libutil.a $(LIBS_EXTRA)
test-binaries: $(MASTER_ECHOD)
