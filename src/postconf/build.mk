# src/postconf: pure layout and parsing code, and its unit test's extra objects
CORE_SRCS += src/postconf/postconf_fold.c src/postconf/postconf_text.c
$(BUILD)/tests/postconf/test_postconf_fold: TEST_OBJS_EXTRA = \
	$(OBJ)/src/postconf/postconf_fold.o $(OBJ)/src/postconf/postconf_text.o
$(BUILD)/tests/postconf/test_postconf_fold: $(OBJ)/src/postconf/postconf_fold.o \
	$(OBJ)/src/postconf/postconf_text.o
