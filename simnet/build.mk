# simnet/: the deterministic simulator. libsimnet.a is the engine, the
# simulated disk, the core registry and the toy cores; build/bin/simnet is
# the front end (it also links libconformance.a, the scenario runner).
# Program libraries come in through $(LINK_LIBS), expanded when linking.
SIMNET_LIB := $(BUILD)/lib/libsimnet.a
SIMNET_CONFORMANCE_LIB := $(BUILD)/lib/libconformance.a
SIMNET_LIB_SRCS := $(filter-out simnet/simnet.c,$(sort $(wildcard simnet/*.c)))
SIMNET_LIB_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(SIMNET_LIB_SRCS))
# Libraries known when this fragment is read; the link uses $(LINK_LIBS).
SIMNET_LINK_DEPS := $(foreach p,$(COMMANDS) $(DAEMONS),$(BUILD)/lib/lib$(p).a) \
	$(BUILD)/lib/libglobal.a $(BUILD)/lib/libutil.a

# the toy cores obey the core contract like any program core
CORE_SRCS += simnet/sim_toy.c

$(OBJ)/simnet/%.o: CPPFLAGS_ALL += -Isimnet -Iconformance

$(SIMNET_LIB): $(SIMNET_LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/simnet: $(OBJ)/simnet/simnet.o $(SIMNET_CONFORMANCE_LIB) $(SIMNET_LIB) \
		$(SIMNET_LINK_DEPS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $(OBJ)/simnet/simnet.o $(SIMNET_CONFORMANCE_LIB) \
		$(SIMNET_LIB) $(LINK_LIBS) $(LIBS_EXTRA)

ALL_PROGRAMS += $(BUILD)/bin/simnet

# unit tests link the simulator and the scenario runner
SIMNET_TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/simnet/test_*.c))
$(OBJ)/tests/simnet/%.o: CPPFLAGS_ALL += -Isimnet -Iconformance
$(SIMNET_TEST_BINS): TEST_OBJS_EXTRA = $(SIMNET_CONFORMANCE_LIB) $(SIMNET_LIB)
$(SIMNET_TEST_BINS): $(SIMNET_CONFORMANCE_LIB) $(SIMNET_LIB)
