# Use ccache when it is installed: rebuilds of an unchanged tree then cost seconds.
find_program(ARENA_CCACHE ccache)
if(ARENA_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER "${ARENA_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${ARENA_CCACHE}")
endif()
