# The register (SQLite): messages of crates/register.
register-locked = 다른 단말기나 따로 실행된 플래너가 등록부 { $path }을(를) 사용 중이며, { $seconds }초를 기다려도 풀리지 않았습니다. 아무것도 저장되지 않았습니다. 잠시 후 다시 시도해 주세요. 계속 사용 중이면 다른 단말기의 플래너를 닫아 주세요. 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-corrupt = 등록부 { $path }이(가) 손상되었거나 등록부 파일이 아닙니다({ $detail }). 아무것도 변경하지 않았습니다. 최신 백업을 복원하거나(README의 "백업 복원" 참조), 다른 등록부 파일을 선택해 주세요(데스크 앱에서는 설정, 명령줄에서는 --register). 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-newer-schema = 등록부 { $path }은(는) 더 새로운 버전의 플래너로 업그레이드되었습니다(등록부 버전 { $found }, 이 버전은 { $supported }까지 읽을 수 있음). 아무것도 변경하지 않았습니다. 이 컴퓨터의 플래너를 새 버전으로 업데이트해 주세요. 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-cannot-open = 등록부 { $path }을(를) 열거나 쓸 수 없습니다: { $error }. 폴더가 있고 쓰기 권한이 있는지 확인하거나, 다른 등록부 파일을 선택해 주세요(데스크 앱에서는 설정, 명령줄에서는 --register). 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-patient-not-found = 등록부에 환자 { $id }이(가) 없습니다(오래된 백업에서 복원되었을 수 있습니다). 환자를 다시 검색해 주세요.
register-course-not-found = 등록부에 치료 과정 { $id }이(가) 없습니다(오래된 백업에서 복원되었을 수 있습니다). 환자를 다시 열어 주세요.
register-quote-not-found = 등록부에 견적 #{ $id }이(가) 없습니다. 견적 목록(dose-planner register quotes)에서 번호를 확인해 주세요.
register-duplicate-number = 환자 번호 { $number }은(는) 이미 다른 환자가 사용하고 있습니다. 번호를 확인하거나, 그 번호로 검색해 해당 환자를 열어 주세요.
register-backup-exists = { $path }이(가) 이미 있습니다. 백업은 기존 파일을 덮어쓰지 않습니다. 다른 파일 이름이나 폴더를 선택해 주세요.
register-disk-full = { $path }이(가) 있는 디스크가 가득 차서 아무것도 저장되지 않았습니다. 공간을 확보한 뒤 다시 시도해 주세요. 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-read-only = { $path }은(는) 읽기 전용입니다(권한 또는 읽기 전용 디스크). 아무것도 저장되지 않았습니다. 컴퓨터 관리자에게 쓰기 권한을 요청하거나, 다른 등록부 파일을 선택해 주세요(데스크 앱에서는 설정, 명령줄에서는 --register). 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-overflow = 이번 달 합계가 너무 커서 정확히 계산할 수 없습니다. 이번 달 견적에 잘못된 금액이 없는지 확인해 주세요.
register-database-error = 등록부 { $path }에서 오류가 발생했습니다({ $detail }). 아무것도 저장되지 않았습니다. 다시 시도해 주세요. 다시 발생하면 백업을 만든 뒤 이 메시지를 알려 주세요. 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-sheet-too-large = 이 가격표는 { $kb } KB이며 가격표는 최대 { $limit } KB까지이므로 등록부에 아무것도 저장하지 않았습니다. 클리닉의 가격표 파일(보통 몇 KB)을 사용하세요.
register-damaged = 등록부 { $path }이(가) 손상되었습니다(SQLite 검사 결과: { $detail }). 읽지도 쓰지도 않았습니다. 최신 백업을 복원해 주세요: 모든 단말기에서 플래너를 닫고, 이 파일(과 -wal, -shm 파일)의 이름을 바꿔 보관한 뒤, 백업을 { $path }(으)로 복사합니다(README의 "백업 복원" 참조). 견적, 계획, PDF는 등록부 없이도 그대로 사용할 수 있습니다.
register-not-a-register = { $path }은(는) 다른 프로그램의 데이터베이스이며 등록부가 아닙니다. 아무것도 변경하지 않았습니다. 등록부 파일(register.sqlite3)의 경로나, 새 등록부를 시작할 새 파일 이름을 지정해 주세요.
register-empty-file = { $path }은(는) 비어 있어(0바이트) 등록부도 완전한 백업도 아닙니다. 아무것도 변경하지 않았습니다. 이곳에서 새 등록부를 시작하려면 이 빈 파일을 삭제하고, 복원하려면 완전한 백업을 복사해 주세요.
register-missing = { $path }에 등록부가 없습니다. 경로(--register)를 확인하거나, 먼저 견적을 가져와 등록부를 시작해 주세요.
register-not-a-folder = { $path }의 경로 중간에 폴더가 아닌 파일이 있습니다. 폴더로만 이루어진 경로를 선택해 주세요.
register-backup-cannot-write = 백업 { $path }을(를) 쓸 수 없습니다: { $error }. 백업 폴더가 있고 쓰기 권한이 있는지 확인하거나, 다른 폴더를 선택해 주세요(명령줄에서는 --to). 등록부 자체는 바뀌지 않았습니다.
register-backup-failed = 백업 { $path }이(가) 검사를 통과하지 못해({ $detail }) 보관하지 않았습니다. 등록부 자체는 바뀌지 않았습니다. 다시 시도해 주세요. 또 실패하면 다른 디스크에 백업해 주세요.
register-field-number = 환자 번호
register-field-name = 환자 이름
register-text-empty = { $field }이(가) 비어 있습니다. 입력한 뒤 다시 저장해 주세요.
register-text-too-long = { $field }이(가) { $chars }자입니다. 등록부에는 최대 { $max }자까지 저장할 수 있습니다. 아무것도 저장되지 않았습니다.
register-text-control = { $field }에 보이지 않는 제어 문자({ $char })가 들어 있습니다. 아무것도 저장되지 않았습니다. 그 문자 없이 다시 입력해 주세요.
# 등록부의 위치와 PostgreSQL 서버의 등록부.
register-address-empty = 등록부 위치가 지정되지 않았습니다. 파일(register.sqlite3)이나 서버 주소(postgres://사용자@호스트:5432/dose_planner)를 지정하세요.
register-address-unknown-scheme = { $address }은(는) 등록부 위치로 쓸 수 없습니다. 등록부은 파일이거나 postgres://로 시작하는 서버 주소입니다({ $scheme }://가 아님). 아무것도 열거나 만들지 않았습니다.
register-address-malformed = { $address }은(는) 읽을 수 있는 서버 주소가 아닙니다. postgres://사용자@호스트:5432/데이터베이스?sslmode=require 형식으로 쓰세요. 아무것도 열거나 만들지 않았습니다.
register-address-no-host = { $address }에 서버 이름이 없습니다. postgres://사용자@호스트:5432/데이터베이스 형식으로 쓰세요.
register-address-bad-port = { $address }: 포트 { $value }은(는) 1~65535 사이의 숫자가 아닙니다(PostgreSQL은 보통 5432).
register-address-password = { $address }에 비밀번호가 들어 있습니다. 이 프로그램은 주소에 비밀번호를 저장하지 않습니다. 주소에서 지우고 PostgreSQL 비밀번호 파일(~/.pgpass, Windows에서는 %APPDATA%\postgresql\pgpass.conf)에 쓰거나, 물어볼 때 입력하세요.
register-address-bad-sslmode = { $address }: sslmode { $value }은(는) 쓸 수 없습니다. disable, prefer, require, verify-full 중 하나를 쓰세요.
register-address-no-ca-file = { $address }: sslmode=verify-full은 클리닉의 인증 기관으로 서버를 확인합니다. &sslrootcert=경로 로 인증 기관 파일(PEM)을 지정하세요.
register-address-unknown-option = { $address }: 옵션 { $name }은(는) 쓸 수 없습니다. sslmode와 sslrootcert만 쓸 수 있습니다.
register-server-away = 등록부 서버 { $server }에 연결할 수 없습니다({ $detail }). 아무것도 저장되지 않았습니다. 네트워크와 서버가 켜져 있는지 확인하고 다시 시도하세요. 견적, 계획, PDF는 등록부 없이도 됩니다.
register-server-error = 등록부 서버 { $server }가 요청을 거부했거나 처리하지 못했습니다({ $detail }). 아무것도 저장되지 않았습니다. 다시 일어나면 이 메시지를 서버 관리자에게 알려 주세요. 견적, 계획, PDF는 등록부 없이도 됩니다.
register-server-backup = 서버의 등록부은 이 프로그램이 아니라 서버에서 PostgreSQL의 pg_dump로 백업합니다. 등록부 전체를 읽을 수 있는 컴퓨터에서 다음을 실행하세요: { $command }
register-file-only = 이 작업은 등록부 파일에서만 됩니다. 서버의 등록부 { $server }에서는 아직 안 됩니다. 아무것도 바꾸지 않았습니다. 견적, 계획, PDF는 그대로 됩니다.
