.PHONY: build test test-pg ci serve release

build:
	swift build

test:
	swift test

test-pg:
	bash -c 'source scripts/postgres.sh && trap pg_stop EXIT && pg_start && YINGCAI_TEST_DATABASE_URL=$$PG_URL swift test'

ci:
	bash .ci/run

serve:
	swift run yingcai serve --demo

release:
	swift build -c release
