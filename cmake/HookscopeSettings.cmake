# One INTERFACE target carries the language level, the warnings and Qt's strictness switches,
# so every library, the app and the tests are built the same way.
add_library(hookscope_build_settings INTERFACE)
target_compile_definitions(hookscope_build_settings INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    HOOKSCOPE_VERSION="${PROJECT_VERSION}")
target_compile_options(hookscope_build_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor
    -Wcast-qual -Wformat=2 -Wimplicit-fallthrough)
if(HOOKSCOPE_WERROR)
    target_compile_options(hookscope_build_settings INTERFACE -Werror)
endif()
if(HOOKSCOPE_SANITIZE)
    target_compile_options(hookscope_build_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(hookscope_build_settings INTERFACE -fsanitize=address,undefined)
endif()
if(HOOKSCOPE_FUZZ)
    # Coverage feedback for libFuzzer in every library under test; fuzz/ links the fuzzer's main.
    target_compile_options(hookscope_build_settings INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(hookscope_build_settings INTERFACE -fsanitize=address,undefined)
endif()

# hookscope_units(<var> <folder> <unit>...): appends <folder>/<unit>.cpp and <folder>/<unit>.h for
# each unit to <var>; a unit written with its suffix (name.h, name.cpp) is that one file alone. Sources are listed, not globbed,
# so that adding or removing a file shows in review; one call per folder keeps the lists short.
function(hookscope_units var folder)
    set(_files ${${var}})
    foreach(_unit IN LISTS ARGN)
        if(_unit MATCHES "\\.(h|cpp)$")
            list(APPEND _files ${folder}/${_unit})
        else()
            list(APPEND _files ${folder}/${_unit}.cpp ${folder}/${_unit}.h)
        endif()
    endforeach()
    set(${var} ${_files} PARENT_SCOPE)
endfunction()

# ccache (installed by scripts/install-deps.sh) when present and no launcher was chosen: CI builds
# the tree twice (the suite, then the sanitizer build of core and http), and an unchanged file then
# costs nothing the second time. Here rather than in each script, so every build gets it.
find_program(HOOKSCOPE_CCACHE ccache)
if(HOOKSCOPE_CCACHE)
    foreach(_lang C CXX)
        if(NOT CMAKE_${_lang}_COMPILER_LAUNCHER)
            set(CMAKE_${_lang}_COMPILER_LAUNCHER ${HOOKSCOPE_CCACHE})
        endif()
    endforeach()
endif()
