# Project-wide compile settings as INTERFACE targets, so each target opts in by linking them.
# (-Wnull-dereference is left out: with optimisation GCC 12 reports it inside libstdc++.)
#
#   arena::warnings   the warning set (errors when ARENA_WERROR is on)
#   arena::hardening  fortify, stack protector, PIE, RELRO
#   arena::sanitizers ASan + UBSan when ARENA_SANITIZE is on, nothing otherwise

# Line tables only (-g1) in RelWithDebInfo: backtraces, ASan reports and profiles keep their
# file:line, while the two build trees `./arena test` makes shrink from about 14 GB to a few:
# full debug info was 96% of every binary, and a CI machine ran out of disk on it.
option(ARENA_FULL_DEBUG_INFO "Full debug info (-g) in RelWithDebInfo builds, for gdb" OFF)
if(NOT ARENA_FULL_DEBUG_INFO)
  foreach(lang C CXX)
    string(REGEX REPLACE "(^| )-g( |$)" "\\1-g1\\2"
      CMAKE_${lang}_FLAGS_RELWITHDEBINFO "${CMAKE_${lang}_FLAGS_RELWITHDEBINFO}")
  endforeach()
endif()

add_library(arena_warnings INTERFACE)
add_library(arena::warnings ALIAS arena_warnings)
target_compile_options(arena_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${ARENA_WERROR}>:-Werror>)

add_library(arena_hardening INTERFACE)
add_library(arena::hardening ALIAS arena_hardening)
target_compile_options(arena_hardening INTERFACE -fstack-protector-strong -fPIE)
target_compile_definitions(arena_hardening INTERFACE
  $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(arena_hardening INTERFACE -pie -Wl,-z,relro,-z,now)

add_library(arena_sanitizers INTERFACE)
add_library(arena::sanitizers ALIAS arena_sanitizers)
if(ARENA_SANITIZE)
  target_compile_options(arena_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(arena_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# One call per target instead of three link lines everywhere.
function(arena_apply_defaults target)
  target_link_libraries(${target} PRIVATE arena::warnings arena::hardening arena::sanitizers)
endfunction()

# A GoogleTest executable named after its file: arena_add_test(error_test LIBS arena_shared)
function(arena_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_SOURCES)
    set(ARG_SOURCES ${name}.cpp)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  arena_apply_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest_main)
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABEL}" DISCOVERY_TIMEOUT 30)
endfunction()
