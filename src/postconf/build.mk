# src/postconf: pure layout and parsing code, and its unit test's extra objects
CORE_SRCS += src/postconf/postconf_fold.c src/postconf/postconf_text.c
$(BUILD)/tests/postconf/test_postconf_fold: TEST_OBJS_EXTRA = \
	$(OBJ)/src/postconf/postconf_fold.o $(OBJ)/src/postconf/postconf_text.o
$(BUILD)/tests/postconf/test_postconf_fold: $(OBJ)/src/postconf/postconf_fold.o \
	$(OBJ)/src/postconf/postconf_text.o
# -T reports the OpenSSL version
postconf_LIBS = $(shell $(PKG_CONFIG) --libs openssl 2>/dev/null || echo -lcrypto)
