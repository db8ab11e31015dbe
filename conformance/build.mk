# conformance/: the scenario language runner (libconformance.a), linked
# into build/bin/simnet ("simnet run") and the simnet unit tests.
CONFORMANCE_LIB := $(BUILD)/lib/libconformance.a
CONFORMANCE_SRCS := $(sort $(wildcard conformance/*.c))

$(OBJ)/conformance/%.o: CPPFLAGS_ALL += -Isimnet -Iconformance

$(CONFORMANCE_LIB): $(patsubst %.c,$(OBJ)/%.o,$(CONFORMANCE_SRCS))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
