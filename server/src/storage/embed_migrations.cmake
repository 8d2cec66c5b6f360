# Writes a C++ source holding every migration file as a byte array, so the server carries its
# schema inside the binary. Run with: cmake -DMIGRATIONS_DIR=... -DOUTPUT=... -P embed_migrations.cmake
# Files are named NNNN_name.sql; versions must be unique within a backend.

cmake_minimum_required(VERSION 3.25)

set(body "// Generated from ${MIGRATIONS_DIR} by embed_migrations.cmake. Do not edit.\n")
string(APPEND body "#include \"storage/sql/migrator.hpp\"\n\nnamespace arena::server::storage::sql {\n\nnamespace {\n\n")

foreach(backend sqlite mysql)
  file(GLOB files "${MIGRATIONS_DIR}/${backend}/*.sql")
  list(SORT files COMPARE NATURAL)
  set(table "")
  set(seen "")
  foreach(file IN LISTS files)
    get_filename_component(fname "${file}" NAME)
    if(NOT fname MATCHES "^([0-9]+)_([A-Za-z0-9_]+)\\.sql$")
      message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${file}")
    endif()
    set(name "${CMAKE_MATCH_2}")
    math(EXPR version "${CMAKE_MATCH_1}")
    if(version IN_LIST seen)
      message(FATAL_ERROR "two ${backend} migrations have version ${version}")
    endif()
    list(APPEND seen ${version})
    file(READ "${file}" hex HEX)
    string(LENGTH "${hex}" hexLength)
    math(EXPR size "${hexLength} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
    set(symbol "k_${backend}_${version}")
    string(APPEND body "constexpr char ${symbol}[] = {${bytes}'\\0'};\n")
    string(APPEND table "    Migration{${version}, \"${name}\", std::string_view{${symbol}, ${size}}},\n")
  endforeach()
  if(table STREQUAL "")
    message(FATAL_ERROR "no ${backend} migrations in ${MIGRATIONS_DIR}/${backend}")
  endif()
  string(APPEND body "\nconstexpr Migration k_${backend}_migrations[] = {\n${table}};\n\n")
endforeach()

string(APPEND body "}  // namespace\n\n")
string(APPEND body "std::span<const Migration> embeddedMigrations(Dialect dialect) {\n")
string(APPEND body "  if (dialect == Dialect::Sqlite) return k_sqlite_migrations;\n")
string(APPEND body "  return k_mysql_migrations;\n}\n\n}  // namespace arena::server::storage::sql\n")

# Only touch the output when it changed, so an unrelated re-run does not rebuild the library.
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
