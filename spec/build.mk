# spec/: generated C views of the machine-readable tables.
# The parameter table (spec/params.tsv) becomes VAR_/DEF_ macros and the
# sorted PARAM_SPEC array that src/global/mail_params.c searches; the
# per-service suffixes (spec/service_params.tsv) become param_service_table.
GEN_HDRS += $(GEN)/mail_params_gen.h
GEN_SRCS += $(GEN)/mail_params_table.c

$(GEN)/mail_params_gen.h $(GEN)/mail_params_table.c &: spec/params.tsv \
		spec/service_params.tsv spec/gen_params.sh
	@mkdir -p $(GEN)
	sh spec/gen_params.sh spec/params.tsv $(GEN) spec/service_params.tsv
	@touch $(GEN)/mail_params_gen.h $(GEN)/mail_params_table.c
