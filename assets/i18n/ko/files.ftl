# Errors of the file layer (reading sheets and quotes, writing files).
file-cannot-read = { $path }을(를) 읽을 수 없습니다: { $reason }
file-cannot-save = { $path }에 저장할 수 없습니다: { $reason }
file-sheet-invalid = 가격표 { $error }
file-not-found = 파일이나 폴더가 없습니다
file-permission-denied = { $path }에 대한 권한이 없습니다
file-is-folder = 폴더입니다(파일이 아님)
file-folder-given = 폴더입니다. 파일 이름을 지정하십시오
file-not-regular = 일반 파일이 아닙니다(파이프, 장치 또는 소켓). 파일을 선택하십시오
file-not-regular-target = 일반 파일이 아닙니다(파이프 또는 장치). 다른 이름을 지정하십시오
file-too-large = 파일이 { $kb } KB를 넘습니다(읽을 수 있는 최대 크기). 올바른 파일인지 확인하십시오
file-not-utf8 = 이 위치부터 UTF-8 텍스트가 아닙니다. UTF-8로 다시 저장하십시오
file-disk-full = 디스크가 가득 찼습니다
file-read-only = 디스크가 읽기 전용입니다
file-loop = 경로가 자기 자신을 가리킵니다(심볼릭 링크 순환)
file-not-ready = 파일을 읽을 수 있는 상태가 아닙니다(파이프?). 파일을 선택하십시오
file-folder-missing = { $folder } 폴더가 없습니다
file-in-use = 다른 앱 창이 이 복구 파일을 사용 중입니다
